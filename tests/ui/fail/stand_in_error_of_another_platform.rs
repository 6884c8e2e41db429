// A stand-in script takes the endpoint's own error enum: a DingTalk error on a Feishu endpoint
// does not compile.
use group_api::dingtalk::UpdateGroupError;
use group_api::feishu::UpdateUserGroupRequest;
use group_api::testing::{Script, StandIn};

async fn script(stand_in: &StandIn) {
    stand_in.script::<UpdateUserGroupRequest>(Script::error(UpdateGroupError::SystemError));
}

fn main() {
    let _ = script;
}
